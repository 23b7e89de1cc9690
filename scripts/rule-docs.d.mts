/** The types of scripts/rule-docs.mjs, for test/rule-docs.test.ts. */
import type { AnyRule } from '../src/lint/rule.js';

export declare const ROOT: string;
export declare const RULE_DIR: string;
export declare const TABLES: Record<string, string>;
export declare const START: string;
export declare const END: string;
export declare function visible(text: string): string;
export declare function headerOf(source: string, id: string): string[];
export declare function rulePage(rule: AnyRule, source: string): string;
export declare function parsePage(parse: { id: string; doc: string }): string;
export declare function ruleTable(rules: readonly AnyRule[], parse: { id: string; doc: string }, linkBase: string): string;
export declare function withTable(text: string, table: string, file: string): string;
export declare function ruleDocFiles(opts: { rules: readonly AnyRule[]; parse: { id: string; doc: string }; read: (rel: string) => string }): Map<string, string>;
export declare function staleFiles(files: Map<string, string>, root?: string): string[];
