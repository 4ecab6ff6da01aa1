export * from './edition-facts';
export * from './notifications.module';
export * from './ticket-files';
export * from './ticket.composer';
