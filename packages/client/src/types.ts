/** `GET /me`: the admin behind the token and the workspace ("app") it reaches. */
export interface Me {
  type: "admin";
  id: string;
  email: string;
  name: string;
  email_verified: boolean;
  app: {
    type: "app";
    id_code: string;
    name: string;
    created_at: number;
    secure: boolean;
    identity_verification: boolean;
    timezone: string;
    region: string;
  };
  avatar: { type: "avatar"; image_url: string | null };
  has_inbox_seat: boolean;
}

export interface Admin {
  type: "admin";
  id: string;
  name: string;
  email: string;
  /** Absent for an admin without one. */
  job_title?: string;
  away_mode_enabled: boolean;
  away_mode_reassign: boolean;
  has_inbox_seat: boolean;
  team_ids: number[];
  avatar?: { type: "avatar"; image_url: string | null };
}

export interface AdminList {
  type: "admin.list";
  admins: Admin[];
}

export interface TokenResponse {
  token_type: "Bearer";
  token: string;
  access_token: string;
}
