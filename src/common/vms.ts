// The VM index's answer, shared by the BFF (which builds it) and the plugin (which shows it).

/**
 * What the VM list shows of one VirtualMachine (joined with its VirtualMachineInstance) or of a
 * VMI that no VM owns. Small pure selectors over the raw objects, as the plugin's own are.
 */
export interface VmSummary {
  namespace: string;
  name: string;
  uid?: string;
  /** A VMI without a VirtualMachine. */
  standalone: boolean;
  /** The VM's `printableStatus`; a standalone VMI's phase (`Paused` when paused). */
  status: string;
  node?: string;
  ips: string[];
  /** The guest's own report when the agent runs, else the OS label or annotation. */
  os?: string;
  created?: string;
  /** vCPUs (sockets × cores × threads) when the template or the instance says. */
  cpu?: number;
  memory?: string;
  instancetype?: string;
  preference?: string;
  labels: Record<string, string>;
  /**
   * The VM's conditions that ask for attention: any not `True` (Ready=False, a failure, a
   * pending RestartRequired=True is also kept), as the console's Conditions column shows them.
   */
  conditions: VmCondition[];
}

export interface VmCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export const SORT_KEYS = ['name', 'namespace', 'status', 'created', 'node'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** One page's question: filters, order and where to start. */
export interface VmQuery {
  /** Substring (any case) of the name or of a label `key=value`. */
  text?: string;
  namespace?: string[];
  /** printableStatus values (a standalone VMI's phase). */
  status?: string[];
  /** Substring (any case) of the guest OS. */
  os?: string;
  node?: string[];
  /** Prefix of one of the IP addresses. */
  ip?: string;
  /** Equality selector: `k=v`, `k==v`, `k!=v`, `k`, `!k`, comma-separated. */
  label?: string;
  sort?: SortKey;
  order?: 'asc' | 'desc';
  limit?: number;
  continue?: string;
}

export interface VmPage {
  items: VmSummary[];
  /** How many VMs match, over every page. */
  total: number;
  /** Pass back for the next page; absent on the last one. */
  continue?: string;
  /** The index's version: it changes whenever a VM shown anywhere changes. */
  resourceVersion: string;
}
