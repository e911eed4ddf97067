/** Reads a JSON body loosely typed, for assertions. */
export async function json(response: Response): Promise<any> {
  return response.json();
}
