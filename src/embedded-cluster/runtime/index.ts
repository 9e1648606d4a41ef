// The QEMU runtime of the embedded cluster (README.md in this folder).
export * from './bootQueue';
export * from './png';
export * from './processManager';
export * from './qemuArgs';
export * from './qemuProcess';
export * from './qmp';
export * from './runtime';
export * from './serialHub';
export * from './vncProxy';
