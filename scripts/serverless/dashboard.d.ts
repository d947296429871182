/** The osls plugin in dashboard.js: the stack's CloudWatch dashboard, every alarm on it. */
declare class Dashboard {
  constructor(serverless: unknown);
  hooks: Record<string, () => void>;
  addDashboard(): void;
}
export = Dashboard;
