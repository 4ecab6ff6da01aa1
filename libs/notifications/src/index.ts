export * from './account-mail';
export * from './account-messages.composer';
export * from './edition-facts';
export * from './notifications.module';
export * from './ticket-files';
