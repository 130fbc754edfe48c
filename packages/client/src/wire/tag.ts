import type { Reference } from "./common.ts";

/** Intercom's `tag`. */
export interface Tag {
  type: "tag";
  id: string;
  name: string;
}

/** A tag as a conversation's or ticket's list shows it: when it was put on, and by whom. */
export interface AppliedTag extends Tag {
  applied_at: number | null;
  applied_by: Reference | null;
}

/** `GET /tags` and `GET /contacts/{id}/tags`. */
export interface TagList {
  type: "list";
  data: Tag[];
}

/** A company named by Intercom's `id` or by your `company_id`, for `POST /tags`. */
export type CompanyToTag = { id: string } | { company_id: string };
