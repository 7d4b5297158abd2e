/** The decoder registry: one entry per folder of decode/app, ids unique and equal to folder names, lookups. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AppDecoder, DecoderFixture } from './decoder.js';
import { modbusDecoder } from './app/modbus/index.js';
import { DECODERS, decoderById, decodersForPort, decodersForTransport } from './registry.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const appDir = path.join(here, 'app');
const folders = readdirSync(appDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe('decoder registry', () => {
  it('registers every folder under decode/app, and nothing else', () => {
    expect(DECODERS.map((d) => d.id).sort()).toEqual(folders);
  });

  it('has unique ids', () => {
    const ids = DECODERS.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('lists decoders alphabetically, one per line', () => {
    const ids = DECODERS.map((d) => d.id);
    expect(ids).toEqual([...ids].sort());
    const src = readFileSync(path.join(here, 'registry.ts'), 'utf8');
    const list = /export const DECODERS[^=]*= \[\n([\s\S]*?)\n\];/.exec(src)?.[1] ?? '';
    expect(list.split('\n').map((l) => l.trim())).toEqual(ids.map((id) => `${id}Decoder,`));
  });

  it.each(folders)(
    '%s: index.ts exports <id>Decoder whose id is the folder name',
    async (folder) => {
      const mod = (await import(/* @vite-ignore */ `./app/${folder}/index.js`)) as Record<
        string,
        unknown
      >;
      const d = mod[`${folder}Decoder`] as AppDecoder | undefined;
      expect(d?.id).toBe(folder);
      expect(DECODERS).toContain(d);
    },
  );

  it.each(folders)('%s: has the files of a decoder folder and exports fixtures', async (folder) => {
    for (const f of [
      'index.ts',
      'constants.ts',
      'events.ts',
      'fixtures.ts',
      'README.md',
      `${folder}.ts`,
      `${folder}.test.ts`,
    ]) {
      expect(existsSync(path.join(appDir, folder, f)), `${folder}/${f}`).toBe(true);
    }
    const mod = (await import(/* @vite-ignore */ `./app/${folder}/fixtures.js`)) as {
      fixtures?: DecoderFixture[];
    };
    expect(Array.isArray(mod.fixtures) && mod.fixtures.length > 0).toBe(true);
  });

  it('finds decoders by id, port and transport', () => {
    expect(decoderById('modbus')).toBe(modbusDecoder);
    expect(decoderById('nope')).toBeUndefined();
    expect(decodersForPort('tcp', 502)).toEqual([modbusDecoder]);
    expect(decodersForPort('udp', 502)).toEqual([]);
    expect(decodersForPort('tcp', 1)).toEqual([]);
    expect(decodersForTransport('tcp')).toContain(modbusDecoder);
    expect(decodersForTransport('udp')).not.toContain(modbusDecoder);
    for (const d of DECODERS) {
      for (const p of d.defaultPorts) expect(decodersForPort(d.transport, p)).toContain(d);
      expect(decodersForTransport(d.transport)).toContain(d);
    }
  });
});
