// Frictionless's datapackage-js (tests only: it checks our open data as an outside tool would); it ships no types.
declare module 'datapackage' {
  export class Resource {
    readonly tabular: boolean;
    read(options?: { keyed?: boolean; cast?: boolean }): Promise<unknown[]>;
  }
  export class Package {
    static load(descriptor: string | object, basePath?: string): Promise<Package>;
    readonly valid: boolean;
    readonly errors: Error[];
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    readonly descriptor: any;
    getResource(name: string): Resource;
  }
}
