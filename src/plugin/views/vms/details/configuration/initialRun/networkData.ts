import { parse, stringify } from 'yaml';
import type { Translate } from '../../../actions/vmActionModel';

/** One statically addressed interface, as cloud-init network config version 2 describes it. */
export interface NetworkForm {
  /** The guest's interface name (`eth0`, `enp1s0`). */
  name: string;
  /** `192.168.10.5/24` or `fd00::5/64`. */
  address: string;
  /** Optional default gateway of the same family. */
  gateway: string;
}

export const DEFAULT_NETWORK_FORM: NetworkForm = { name: 'eth0', address: '', gateway: '' };

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export const isIPv4 = (text: string): boolean => IPV4.test(text);

/** IPv6 as the URL parser reads a bracketed host: the platform's own rules. */
export const isIPv6 = (text: string): boolean => {
  if (!text.includes(':') || /[[\]/%]/.test(text)) return false;
  try {
    return new URL(`http://[${text}]/`).hostname.length > 2;
  } catch {
    return false;
  }
};

type Family = 4 | 6;
const familyOf = (ip: string): Family | undefined => (isIPv4(ip) ? 4 : isIPv6(ip) ? 6 : undefined);

/** `ADDRESS/PREFIX` with the prefix in the family's range, or undefined. */
export const cidrFamily = (cidr: string): Family | undefined => {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(cidr.trim());
  if (!match) return undefined;
  const family = familyOf(match[1] ?? '');
  const prefix = Number(match[2]);
  if (!family || prefix > (family === 4 ? 32 : 128)) return undefined;
  return family;
};

/** Linux interface names: at most 15 characters, no spaces or slashes. */
const INTERFACE_NAME = /^[A-Za-z0-9_.-]{1,15}$/;

export const validateNetworkForm = (
  form: NetworkForm,
  t: Translate,
): Partial<Record<keyof NetworkForm, string>> => {
  const errors: Partial<Record<keyof NetworkForm, string>> = {};
  if (!INTERFACE_NAME.test(form.name))
    errors.name = t('Use 1 to 15 letters, digits, ".", "_" or "-" (for example eth0).');
  const family = cidrFamily(form.address);
  if (!form.address.trim()) errors.address = t('Enter an IP address with its prefix length.');
  else if (!family)
    errors.address = t(
      'Enter an address with its prefix length, like 192.168.10.5/24 or fd00::5/64.',
    );
  const gateway = form.gateway.trim();
  if (gateway) {
    const gatewayFamily = familyOf(gateway);
    if (!gatewayFamily) errors.gateway = t('Enter an IP address, like 192.168.10.1.');
    else if (family && gatewayFamily !== family)
      errors.gateway = t('The gateway must be of the same IP family as the address.');
  }
  return errors;
};

/** Network config version 2: the interface, its address and a default route through the gateway. */
export const buildNetworkData = (form: NetworkForm): string => {
  const gateway = form.gateway.trim();
  const ethernet: Record<string, unknown> = { addresses: [form.address.trim()] };
  if (gateway)
    ethernet.routes = [{ to: familyOf(gateway) === 6 ? '::/0' : '0.0.0.0/0', via: gateway }];
  return stringify({ version: 2, ethernets: { [form.name.trim()]: ethernet } });
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const onlyKeys = (value: Record<string, unknown>, allowed: string[]) =>
  Object.keys(value).every((key) => allowed.includes(key));

const DEFAULT_ROUTES = ['0.0.0.0/0', '::/0', 'default'];

/**
 * The form's view of network data, when it is what the form writes (one interface, one address,
 * at most a default gateway); undefined when it says more, so the form does not drop any of it.
 */
export const networkDataToForm = (text: string): NetworkForm | undefined => {
  let data: unknown;
  try {
    data = parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(data) || data.version !== 2 || !onlyKeys(data, ['version', 'ethernets']))
    return undefined;
  const ethernets = data.ethernets;
  if (!isRecord(ethernets) || Object.keys(ethernets).length !== 1) return undefined;
  const [[name, ethernet]] = Object.entries(ethernets) as [[string, unknown]];
  if (!isRecord(ethernet) || !onlyKeys(ethernet, ['addresses', 'gateway4', 'gateway6', 'routes']))
    return undefined;
  const { addresses, routes } = ethernet;
  if (!Array.isArray(addresses) || addresses.length !== 1 || typeof addresses[0] !== 'string')
    return undefined;
  const gateways: unknown[] = [ethernet.gateway4, ethernet.gateway6].filter(Boolean);
  if (routes !== undefined) {
    if (!Array.isArray(routes) || routes.length !== 1) return undefined;
    const [route] = routes as unknown[];
    if (!isRecord(route) || !onlyKeys(route, ['to', 'via'])) return undefined;
    if (!DEFAULT_ROUTES.includes(String(route.to))) return undefined;
    gateways.push(route.via);
  }
  if (gateways.length > 1 || (gateways[0] !== undefined && typeof gateways[0] !== 'string'))
    return undefined;
  return { name, address: addresses[0], gateway: (gateways[0] as string | undefined) ?? '' };
};
