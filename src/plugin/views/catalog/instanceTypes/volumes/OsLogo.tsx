import type { ReactNode } from 'react';

// Plain drawn marks for the common OSes (not the vendors' artwork), coloured with PatternFly
// tokens so they follow the theme.

export type LogoOs = 'rhel' | 'fedora' | 'centos' | 'windows' | 'linux';

const color = (name: string) => `var(--pf-t--global--color--nonstatus--${name}--default)`;
const INK = 'var(--pf-t--global--text--color--regular)';
const PAPER = 'var(--pf-t--global--background--color--primary--default)';

const MARKS: Record<LogoOs, ReactNode> = {
  // A brimmed hat.
  rhel: (
    <>
      <ellipse cx="24" cy="32" rx="20" ry="6" fill={color('red')} />
      <path d="M13 30 C13 18 17 12 24 12 C31 12 35 18 35 30 Z" fill={color('red')} />
      <rect x="13" y="25" width="22" height="3" fill={INK} />
    </>
  ),
  // A lowercase "f" in a disc.
  fedora: (
    <>
      <circle cx="24" cy="24" r="20" fill={color('blue')} />
      <path
        d="M20 36 V19 a6 6 0 0 1 6 -6 h4 M15 24 h12"
        fill="none"
        stroke={PAPER}
        strokeWidth="4"
        strokeLinecap="round"
      />
    </>
  ),
  // Four squares turned to a diamond.
  centos: (
    <g transform="rotate(45 24 24)">
      <rect x="10" y="10" width="13" height="13" fill={color('yellow')} />
      <rect x="25" y="10" width="13" height="13" fill={color('green')} />
      <rect x="10" y="25" width="13" height="13" fill={color('purple')} />
      <rect x="25" y="25" width="13" height="13" fill={color('blue')} />
    </g>
  ),
  // Four panes of a window.
  windows: (
    <>
      <rect x="6" y="6" width="17" height="17" fill={color('blue')} />
      <rect x="25" y="6" width="17" height="17" fill={color('blue')} />
      <rect x="6" y="25" width="17" height="17" fill={color('blue')} />
      <rect x="25" y="25" width="17" height="17" fill={color('blue')} />
    </>
  ),
  // A penguin.
  linux: (
    <>
      <ellipse cx="24" cy="26" rx="13" ry="17" fill={INK} />
      <ellipse cx="24" cy="30" rx="8" ry="11" fill={PAPER} />
      <circle cx="20" cy="16" r="2.5" fill={PAPER} />
      <circle cx="28" cy="16" r="2.5" fill={PAPER} />
      <path d="M20 21 L28 21 L24 25 Z" fill={color('orange')} />
      <ellipse cx="17" cy="43" rx="5" ry="2.5" fill={color('orange')} />
      <ellipse cx="31" cy="43" rx="5" ry="2.5" fill={color('orange')} />
    </>
  ),
};

/**
 * An OS's mark. With `label` it is an image of that name; without, decoration beside text that
 * names the OS already.
 */
export const OsLogo = ({ os, label, size = 40 }: { os: LogoOs; label?: string; size?: number }) => (
  <svg
    className="virtualization-plugin-os-logo"
    viewBox="0 0 48 48"
    width={size}
    height={size}
    {...(label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': true })}
  >
    {MARKS[os]}
  </svg>
);
