// pdfmake 0.3 ships no types; only what functions/compilation/render.ts calls.
declare module 'pdfmake' {
  interface VirtualFiles {
    existsSync(name: string): boolean;
    readFileSync(name: string): Buffer;
  }
  interface PdfMake {
    virtualfs: VirtualFiles;
    setFonts(fonts: Record<string, Record<'normal' | 'bold' | 'italics' | 'bolditalics', string>>): void;
    setUrlAccessPolicy(policy: (url: string) => boolean): void;
    setLocalAccessPolicy(policy: (path: string) => boolean): void;
    createPdf(definition: Record<string, unknown>): { getBuffer(): Promise<Buffer> };
  }
  const pdfmake: PdfMake;
  export default pdfmake;
}
