export * from './ticket-files';
