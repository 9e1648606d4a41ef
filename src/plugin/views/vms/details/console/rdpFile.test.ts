import { buildRdpFile, hostPort, rdpFileName } from './rdpFile';
import { buildVvFile, vvFileName } from './vvFile';

describe('rdpFile', () => {
  it('writes the address, an empty user name and CRLF lines', () => {
    const file = buildRdpFile({ host: '192.168.1.10', port: 31389 });
    const lines = file.split('\r\n');
    expect(lines[0]).toBe('full address:s:192.168.1.10:31389');
    expect(lines).toContain('username:s:');
    expect(lines).toContain('prompt for credentials:i:1');
    expect(file.endsWith('\r\n')).toBe(true);
    expect(file.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('writes a given user name', () => {
    expect(buildRdpFile({ host: 'h', port: 1, username: 'Administrator' })).toContain(
      'username:s:Administrator\r\n',
    );
  });

  it('brackets an IPv6 host', () => {
    expect(hostPort('fd00::1', 3389)).toBe('[fd00::1]:3389');
    expect(buildRdpFile({ host: 'fd00::1', port: 3389 })).toContain(
      'full address:s:[fd00::1]:3389',
    );
  });

  it('names the files after the VM', () => {
    expect(rdpFileName('win')).toBe('win.rdp');
    expect(vvFileName('win')).toBe('win.vv');
  });
});

describe('vvFile', () => {
  it('is a virt-viewer VNC file with host, port and title', () => {
    expect(buildVvFile({ host: 'lb.example.com', port: 5900, title: 'win' }).split('\n')).toEqual([
      '[virt-viewer]',
      'type=vnc',
      'host=lb.example.com',
      'port=5900',
      'title=win',
      'delete-this-file=1',
      '',
    ]);
  });

  it('keeps the title on one line', () => {
    expect(buildVvFile({ host: 'h', port: 1, title: 'a\nb' })).toContain('title=a b\n');
  });
});
