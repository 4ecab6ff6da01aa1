export * from './awards-audit.service';
export * from './awards.errors';
export * from './awards.module';
export * from './certificate';
export * from './prizes.service';
export * from './ranking-rules';
export * from './ranking.service';
export * from './scoring.service';
