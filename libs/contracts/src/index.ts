export * from './chatbot';
export * from './define-event';
export * from './envelope';
export * from './events';
export * from './topics';
export * from './chat-socket';
export * from './schedule';
export * from './rest';
