// Types for seed.mjs, so the demo's tests (TypeScript) can import it.
import type { LocalizedText } from '@statuskit/model';
import type { DemoTokens } from './demo-site.mjs';

export const DEMO_MAINTENANCE_TEXT: {
  readonly title: LocalizedText;
  readonly message: LocalizedText;
};

export function seedDemo(feedUrl: string, tokens: DemoTokens): Promise<void>;
