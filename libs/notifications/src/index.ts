export * from './edition-facts';
export * from './notifications.module';
export * from './ticket-files';
