/**
 * Intercom's objects as Gatehouse sends them, generated from the server's wire schemas
 * (packages/server/src/wire/) by packages/server/scripts/client-wire-types.ts. Do not edit: change the
 * schema and run `npm run build` in packages/client (or the script itself).
 */

/** Intercom's error envelope: the body of every refusal. */
export interface ErrorList {
  type: "error.list";
  request_id: string | null;
  errors: {
    code: string;
    message: string;
    field?: string;
  }[];
}

/** `pages` of a cursor list: `next` carries the cursor. */
export interface CursorPages {
  type: "pages";
  page: number;
  per_page: number;
  total_pages: number;
  next?: {
    per_page: number;
    starting_after: string;
  };
}

/** `pages` of a numbered list: `next` is the next page's URL. */
export interface NumberedPages {
  type: "pages";
  page: number;
  per_page: number;
  total_pages: number;
  next?: string;
}

/** A 1.x `user` (the Users API before 2.0). */
export interface User1x {
  type: "user";
  id: string;
  user_id: string | null;
  anonymous: false;
  email: string | null;
  phone: string | null;
  name: string | null;
  pseudonym: null;
  avatar: {
    type: "avatar";
    image_url: string | null;
  };
  app_id: string;
  companies: {
    type: "company.list";
    companies: {
      type: "company";
      company_id: string;
      id: string;
      name: string | null;
    }[];
  };
  location_data: {
    type: "location_data";
    city_name: null;
    continent_code: null;
    country_code: null;
    country_name: null;
    postal_code: null;
    region_name: null;
    timezone: null;
    latitude?: null;
    longitude?: null;
  };
  last_request_at: number | null;
  created_at: number;
  remote_created_at: number | null;
  signed_up_at: number | null;
  updated_at: number;
  session_count: number;
  social_profiles: {
    type: "social_profile.list";
    /**
     * @maxItems 0
     */
    social_profiles: [];
  };
  owner_id?: number | null;
  unsubscribed_from_emails: boolean;
  marked_email_as_spam: boolean;
  has_hard_bounced: boolean;
  do_not_track: null;
  referrer: null;
  utm_campaign: null;
  utm_content: null;
  utm_medium: null;
  utm_source: null;
  utm_term: null;
  tags: {
    type: "tag.list";
    tags: {
      type: "tag";
      id: string;
      name: string;
    }[];
  };
  segments: {
    type: "segment.list";
    /**
     * @maxItems 0
     */
    segments: [];
  };
  custom_attributes: {
    [k: string]: string | number | boolean | null;
  };
  last_seen_ip?: null;
  user_agent_data?: null;
}

/** A page of 1.x `GET /users`. */
export interface UserList1x {
  type: "user.list";
  total_count: number;
  users: User1x[];
  pages: {
    type: "pages";
    next: string | null;
    page: number;
    per_page: number;
    total_pages: number;
  };
  limited: boolean;
}

/** A page of 1.x `GET /users/scroll`. */
export interface UserScroll1x {
  type: "user.list";
  users: User1x[];
  scroll_param: string;
}
