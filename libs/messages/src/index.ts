export * from './local-mailbox';
export * from './mail-transport';
export * from './templates';
