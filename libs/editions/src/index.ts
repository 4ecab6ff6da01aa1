export * from './edition';
export * from './editions.errors';
export * from './editions.module';
export * from './editions.repository';
export * from './editions.service';
