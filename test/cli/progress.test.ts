import { progress } from '../../src/cli/progress';

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, s: { isTTY, write: (t: string) => writes.push(t) } as unknown as NodeJS.WriteStream };
}

describe('progress', () => {
  it('rewrites one line on a terminal and clears it at the end', () => {
    const { writes, s } = stream(true);
    const bar = progress(s);
    bar.step(1, 3, '收文登记');
    bar.step(2, 3, '发文登记');
    bar.end();
    expect(writes).toEqual(['\r\x1b[K[1/3] 收文登记', '\r\x1b[K[2/3] 发文登记', '\r\x1b[K']);
  });

  it('prints nothing into pipes and logs', () => {
    const { writes, s } = stream(false);
    const bar = progress(s);
    bar.step(1, 3, '收文登记');
    bar.end();
    expect(writes).toEqual([]);
  });
});
