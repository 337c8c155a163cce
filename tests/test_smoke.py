def test_demo_agenda_is_served(runner, client):
    result = runner.invoke(args=["lmevents", "demo"])
    assert "loaded" in result.output
    response = client.get("/events/lm-roundtable-2020/agenda")
    assert response.status_code == 200
    assert "Asia/Shanghai" in response.get_data(as_text=True)
