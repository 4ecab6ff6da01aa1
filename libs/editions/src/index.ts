export * from './edition.entity';
export * from './editions.errors';
export * from './editions.module';
export * from './editions.service';
export * from './edition-reads.sql';
