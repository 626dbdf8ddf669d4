import { describe, expect, it } from 'vitest';
import { shellFor } from './app-shell';

describe('shellFor', () => {
  it('serves each screen from its own shell, whatever the query', () => {
    expect(shellFor('/')).toBe('/');
    expect(shellFor('/project')).toBe('/project');
    expect(shellFor('/project/')).toBe('/project');
    expect(shellFor('/project/experiments')).toBe('/project/experiments');
    expect(shellFor('/diagnostics')).toBe('/diagnostics');
  });

  it('serves every share link from the join shell', () => {
    expect(shellFor('/p/01JABCDEFGHJKMNPQRSTVWXYZ0')).toBe('/p');
    expect(shellFor('/p/anything')).toBe('/p');
    expect(shellFor('/p')).toBe('/p');
  });

  it('leaves other paths to the network', () => {
    expect(shellFor('/p/a/b')).toBeNull();
    expect(shellFor('/projects')).toBeNull();
    expect(shellFor('/sync')).toBeNull();
    expect(shellFor('/blobs/abc')).toBeNull();
    expect(shellFor('/_next/static/chunks/x.js')).toBeNull();
  });
});
