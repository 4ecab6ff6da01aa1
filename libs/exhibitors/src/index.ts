export * from './exhibitor-fields';
export * from './exhibitor-import';
export * from './exhibitor-import.repository';
export * from './exhibitors.errors';
export * from './exhibitors.module';
export * from './exhibitors.repository';
export * from './exhibitors.service';
export * from './stands.service';
