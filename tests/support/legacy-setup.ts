/** Jest setup (every suite): Retort legacy DeprecationWarnings fail the test unless captured (see ./legacy.ts). */
import { installLegacyGuard } from './legacy';

installLegacyGuard();
