export * from './badge-layouts';
export * from './badge-pdf';
export * from './text-layout';
export * from './badge-zpl';
export * from './badge-print.service';
export * from './badges.errors';
export * from './badges.module';
