export * from './local-mailbox';
export * from './mail-transport';
