export * from './checkin-figures.service';
export * from './checkin.errors';
export * from './checkin.module';
export * from './leads.service';
export * from './scans.service';
