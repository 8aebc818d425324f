export * from './dialog-info';
export * from './absence';
export * from './pickup';
