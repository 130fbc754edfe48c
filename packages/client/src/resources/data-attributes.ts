import type {
  DataAttribute,
  DataAttributeCreate,
  DataAttributeList,
  DataAttributeUpdate,
} from "../wire/index.ts";
import { path, query, type Requester } from "./shared.ts";

/** `/data_attributes`: the attributes contacts, companies and conversations carry. */
export function dataAttributesApi(http: Requester) {
  return {
    /** `GET /data_attributes`: built-in and custom, of one `model` or of all. */
    list: (
      options: { model?: "contact" | "company" | "conversation"; includeArchived?: boolean } = {},
    ): Promise<DataAttributeList> =>
      http.request(
        "GET",
        `/data_attributes${query({ model: options.model, include_archived: options.includeArchived })}`,
      ),

    /** `POST /data_attributes`: a custom attribute. */
    create: (body: DataAttributeCreate): Promise<DataAttribute> =>
      http.request("POST", "/data_attributes", body),

    /** `PUT /data_attributes/{id}`: description, options, archived, messenger_writable. */
    update: (id: number | string, body: DataAttributeUpdate): Promise<DataAttribute> =>
      http.request("PUT", path`/data_attributes/${id}`, body),
  };
}
