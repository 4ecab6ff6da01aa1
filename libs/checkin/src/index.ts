export * from './checkin-figures.service';
export * from './checkin.errors';
export * from './checkin.module';
export * from './leads.repository';
export * from './leads.service';
export * from './scans.repository';
export * from './scans.service';
