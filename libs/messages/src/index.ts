export * from './local-mailbox';
export * from './mail-transport';
export * from './templates';
export * from './messages.errors';
export * from './messages.module';
export * from './messages.repository';
export * from './messages.service';
