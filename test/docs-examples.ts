import * as fs from 'node:fs';
import * as path from 'node:path';
import { PACKAGE_ROOT } from '../src/engine/ruleset.js';

/*
 * The docs page convention: under the `## Bad` heading, every ```yaml or ```json block is a
 * complete document that gives the rule's finding; under `## Good`, every such block is one
 * that gives none. A block without a language under `## Bad` shows finding messages, one a
 * line, that the Bad examples give. Blocks under other headings (option overrides) are not examples.
 */

export interface DocExample {
  /** `docs/rules/<code>.md:<line>`, for failure messages. */
  where: string;
  content: string;
  /** `spec.yaml` or `spec.json`, so the engine parses it as what it is. */
  source: string;
}

export function docsPagePath(code: string): string {
  return path.join(PACKAGE_ROOT, 'docs', 'rules', `${code}.md`);
}

/** A finding message a docs page shows. */
export interface ShownMessage {
  /** `docs/rules/<code>.md:<line>`. */
  where: string;
  message: string;
}

/** The Bad and Good examples of a rule's docs page and the messages its Bad section shows (empty lists when the page has none). */
export function docExamples(code: string): { bad: DocExample[]; good: DocExample[]; shownMessages: ShownMessage[] } {
  const file = docsPagePath(code);
  const examples = { bad: [] as DocExample[], good: [] as DocExample[], shownMessages: [] as ShownMessage[] };
  if (!fs.existsSync(file)) return examples;
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    const heading = /^## (.*)$/.exec(lines[i]);
    if (heading) section = heading[1].trim().toLowerCase();
    const fence = /^```(yaml|json)?\s*$/.exec(lines[i]);
    if (!fence) continue;
    const start = i + 1;
    while (i + 1 < lines.length && lines[i + 1] !== '```') i++;
    if (fence[1] === undefined) {
      if (section === 'bad') {
        for (let line = start; line <= i; line++) {
          if (lines[line].trim() !== '') examples.shownMessages.push({ where: `docs/rules/${code}.md:${line + 1}`, message: lines[line] });
        }
      }
      i++; // the closing fence
      continue;
    }
    const example = {
      where: `docs/rules/${code}.md:${start}`,
      content: `${lines.slice(start, i + 1).join('\n')}\n`,
      source: `spec.${fence[1]}`,
    };
    i++; // the closing fence
    if (section === 'bad') examples.bad.push(example);
    if (section === 'good') examples.good.push(example);
  }
  return examples;
}
