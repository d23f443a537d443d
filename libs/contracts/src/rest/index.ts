export * from './agents';
export * from './analytics';
export * from './jsonified';
export * from './notifications';
export * from './blocks';
export * from './routing';
export * from './canned-replies';
export * from './canned-reply-placeholders';
