/**
 * The little of intercom-client 2.x (installed as `intercom-client-v2`, the 1.x-era official Node client,
 * which ships no types) that the 1.x Users API tests call. Its promises resolve to the `request`
 * library's response; failures reject with the first error's message, `statusCode` and `body`.
 */
declare module "intercom-client-v2" {
  interface Response {
    statusCode: number;
    // biome-ignore lint/suspicious/noExplicitAny: Intercom's JSON as it comes.
    body: any;
  }
  interface Users {
    create(data: object): Promise<Response>;
    update(data: object): Promise<Response>;
    list(): Promise<Response>;
    listBy(params: object): Promise<Response>;
    find(params: { id?: string; user_id?: string; email?: string }): Promise<Response>;
    archive(params: { id?: string; user_id?: string; email?: string }): Promise<Response>;
    scroll: { each(params: object, f: (response: Response) => void): Promise<void> };
  }
  export class Client {
    constructor(options: { token: string });
    users: Users;
    usePromises(): this;
    useRequestOpts(options: { baseUrl?: string; headers?: Record<string, string> }): this;
    nextPage(pages: { next: string }): Promise<Response>;
  }
}
