// Types for serve.mjs, so the examples' smoke tests (TypeScript) can import it.
import type { Server } from 'node:http';

export const DEMO_FEED: string;

export type Example = 'plain-html' | 'bundler' | 'react';

export const EXAMPLES: readonly Example[];

export function examplePolicy(feed: string): string;

export function createExampleServer(options: { example: Example; feed?: string }): Server;

export function serveExample(options: {
  example: Example;
  feed?: string;
  port?: number;
}): Promise<{ server: Server; url: string }>;
