export * from './account-mail';
export * from './account-messages.composer';
export * from './edition-facts';
export * from './notifications.module';
export * from './ticket-files';
export * from './jury-messages.composer';
export * from './prize-won.composer';
export * from './session-messages.composer';
