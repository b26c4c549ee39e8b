export * from './common';
export * from './accounts';
export * from './admin';
export * from './addresses';
export * from './locations';
export * from './media';
