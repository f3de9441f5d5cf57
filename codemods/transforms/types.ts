/**
 * What a transform is: a syntax-only jscodeshift function, or a type-aware ts-morph fact
 * collector whose edits the runner applies after every fact of the pass is known.
 */
import type { API, FileInfo } from 'jscodeshift';
import type { Node, SourceFile } from 'ts-morph';

/** A site left for a human: reported with its code and reason (and marked with `--todos`). */
export interface ManualSite {
  readonly code: string;
  /** 1-based line of the site in the file as written by the run. */
  readonly line: number;
  readonly column: number;
  readonly reason: string;
  readonly transform: string;
}

/** How a transform tells the runner what it did, per file. */
export interface SiteSink {
  /** One legacy site rewritten. */
  rewritten(code: string): void;
  /** A legacy site not rewritten: why a human has to do it. */
  manual(code: string, line: number, column: number, reason: string): void;
}

/** A syntax-only transform: jscodeshift's (file, api) shape; returns the new source or undefined when unchanged. */
export type SyntaxTransformFn = (file: FileInfo, api: API, sites: SiteSink) => string | undefined | null;

/** One replacement of `[start, end)` in the file's text. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** What a type-aware transform may ask about a file and record in it. */
export interface TypedContext {
  readonly sourceFile: SourceFile;
  /** Whether `name` (an identifier or property name) resolves to a declaration of Retort's legacy API, optionally owned by one of `owners`. */
  isLegacy(name: Node, owners?: readonly string[]): boolean;
  /** Whether a declaration belongs to Retort's legacy API, optionally owned by one of `owners`. */
  isLegacyDeclaration(decl: Node, owners?: readonly string[]): boolean;
  /** The owner (class, interface or type alias) of the legacy declaration `name` resolves to, if any. */
  legacyOwner(name: Node): string | undefined;
  /** Replaces a node (its text without leading trivia) and counts a rewritten site of `code`. */
  replace(node: Node, text: string, code: string): void;
  /**
   * One rewritten site of `code` made of several small edits (insertions around a call,
   * a renamed method). Prefer this to replacing a whole call: edits that leave the
   * arguments' text alone compose with the rewrites of sites inside them in one pass.
   */
  rewrite(code: string, edits: readonly TextEdit[]): void;
  /** A raw edit that is part of the rewrite recorded just before. */
  edit(edit: TextEdit): void;
  /** Reports a site for a human. */
  manual(node: Node, code: string, reason: string): void;
  /**
   * An expression naming the Retort export `name` in this file (`text`, or `R.text` through a
   * namespace import), adding the import when needed; null when it cannot be added safely.
   */
  retortName(name: string): string | null;
  /**
   * An identifier based on `base` for a new binding: unused anywhere in the file, or with `at`
   * (the node the binding is made around), unused in the function around it.
   */
  freshName(base: string, at?: Node): string;
}

/** A type-aware transform: collects facts and records edits; never edits the tree itself. */
export type TypedTransformFn = (ctx: TypedContext) => void;

export type TransformModule = { readonly syntax: SyntaxTransformFn } | { readonly typed: TypedTransformFn };

/** A transform's registry entry. */
export interface TransformInfo {
  /** Intent-named, kebab-case; the name the legacy registry's `codemod` field uses. */
  readonly name: string;
  /** Legacy codes it rewrites (or, for a report-only transform, detects). */
  readonly codes: readonly string[];
  readonly engine: 'jscodeshift' | 'ts-morph';
  /** Needs the type checker (only then is the file loaded into a ts-morph project). */
  readonly typeAware: boolean;
  /** Position in the `all` preset: lower runs first. */
  readonly order: number;
  readonly summary: string;
  /** Cheap text test: the transform only looks at files this matches. */
  readonly trigger: RegExp;
  /** Finds sites for a human and rewrites nothing. */
  readonly reportOnly?: boolean;
  /**
   * Rewrites declarations that other files' types depend on (models): files of the same
   * batch importing a file it changed are collected again on the new types.
   */
  readonly reshapesTypes?: boolean;
  /** Runs once per repository after the other transforms (it needs the whole run's outcome). */
  readonly finalStage?: boolean;
  load(): TransformModule;
}

/** A code no transform rewrites, and why. */
export interface ManualEntry {
  readonly code: string;
  readonly reason: string;
  /** The report-only transform that finds its sites, if any. */
  readonly detectedBy: string | null;
}
