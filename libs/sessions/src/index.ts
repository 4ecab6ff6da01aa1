export * from './icalendar';
export * from './programme.service';
export * from './session-registrations.service';
export * from './sessions.errors';
export * from './sessions.module';
export * from './sessions.service';
