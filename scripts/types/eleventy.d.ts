// @11ty/eleventy 3 ships JavaScript without type declarations; this is the part the build uses.
declare module '@11ty/eleventy' {
  export class Eleventy {
    constructor(input: string, output: string, options?: { configPath?: string; quietMode?: boolean });
    write(): Promise<unknown>;
  }
}
