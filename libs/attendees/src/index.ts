export * from './attendee-import.service';
export * from './attendees.errors';
export * from './attendees.module';
export * from './attendees.service';
export * from './badge-code';
export * from './badge-keys';
export * from './exhibitor-closure.service';
export * from './staff.service';
