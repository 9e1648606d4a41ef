// @vitest-environment jsdom
import { saveFile } from './downloadFile';

describe('saveFile', () => {
  it('downloads the text under the given name and frees the URL', async () => {
    const created: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      created.push(blob);
      return 'blob:rdp';
    });
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      expect(this.download).toBe('win.rdp');
      expect(this.href).toBe('blob:rdp');
    });
    saveFile('win.rdp', 'full address:s:h:1', 'application/x-rdp');
    expect(click).toHaveBeenCalledTimes(1);
    expect(created[0]?.type).toBe('application/x-rdp');
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(created[0]!);
    });
    expect(text).toBe('full address:s:h:1');
    expect(document.querySelector('a[download]')).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:rdp');
  });
});
