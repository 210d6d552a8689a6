def test_the_stylesheet_and_htmx_are_served_without_collectstatic(client, db):
    for path in ("/static/kenal/kenal.css", "/static/kenal/htmx.min.js"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert b"".join(response.streaming_content)
