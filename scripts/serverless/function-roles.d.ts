/** The osls plugin in function-roles.js: gives each function that names no role one of its own. */
declare class FunctionRoles {
  constructor(serverless: unknown);
  hooks: Record<string, () => void>;
  addRoles(): void;
}
export = FunctionRoles;
