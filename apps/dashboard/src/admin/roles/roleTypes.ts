export interface Role {
  id: string;
  name: string;
  permissions: string[];
  /** The two roles every workspace starts with; Admin always holds every permission. */
  builtIn: 'admin' | 'agent' | null;
  createdAt: string;
  updatedAt: string;
}
