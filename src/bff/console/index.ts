export {
  attachConsoleSockets,
  type ConsoleSockets,
  type ConsoleSocketsOptions,
} from './consoleSockets';
export { parseConsolePath, subresourcePath, type ConsoleTarget } from './consolePath';
