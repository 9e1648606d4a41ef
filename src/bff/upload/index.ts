export { uploadRoutes, type UploadRoutesOptions } from './routes';
export { UploadProgressBook } from './progress';
