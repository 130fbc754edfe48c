/** Intercom's `news_item`. A draft's newsfeed assignments have no `published_at`. */
export interface NewsItem {
  type: "news-item";
  id: string;
  workspace_id: string;
  title: string;
  body: string;
  sender_id: number;
  state: "draft" | "live";
  labels: string[];
  cover_image_url: string | null;
  reactions: Array<string | null>;
  deliver_silently: boolean;
  created_at: number;
  updated_at: number;
  newsfeed_assignments: Array<{ newsfeed_id: number; published_at?: number }>;
}

/** `POST /news/news_items` (title and sender_id required) and `PUT /news/news_items/{id}`. */
export interface NewsItemInput {
  title?: string;
  body?: string | null;
  sender_id?: number;
  state?: "draft" | "live";
  deliver_silently?: boolean;
  labels?: string[] | null;
  reactions?: Array<string | null> | null;
  /** The whole new list; a live item is published on each at `published_at`, or now. */
  newsfeed_assignments?: Array<{ newsfeed_id: number; published_at?: number }> | null;
  cover_image_url?: string | null;
}

/** Intercom's `newsfeed`. */
export interface Newsfeed {
  type: "newsfeed";
  id: string;
  name: string;
  created_at: number;
  updated_at: number;
}
