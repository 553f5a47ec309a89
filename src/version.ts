/** The program's version, as `prospect --version` prints it (the same as package.json's). */
export const VERSION = '0.1.0';
