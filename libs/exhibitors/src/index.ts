export * from './csv';
export * from './exhibitor-fields';
export * from './exhibitor-import.service';
export * from './exhibitors.errors';
export * from './exhibitors.module';
export * from './exhibitors.repository';
export * from './exhibitors.service';
export * from './stands.service';
