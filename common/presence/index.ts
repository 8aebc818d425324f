export * from './dialog-info';
export * from './absence';
